"""The newsroom's groups, by the names the data migrations gave them.

A leaf module: the apps, their commands and the tests import these names, and it
imports nothing of ours.
"""

EDITORS = "Editors"
CONTRIBUTORS = "Contributors"
MODERATORS = "Moderators"
