"""Signals other parts of the site listen to (mail notices, for one)."""

from django.dispatch import Signal

# Sent after moderators change the status of comments, once the change is
# committed. Arguments: ``comment_ids`` (list of ints), ``status`` (the new
# Comment.Status value), ``user`` (who decided; None for the system).
comments_moderated = Signal()

# Sent after a reader's comment is stored through the form, once committed.
# Arguments: ``comment`` (the Comment), ``notify`` (the "email me" box was ticked).
comment_posted = Signal()
