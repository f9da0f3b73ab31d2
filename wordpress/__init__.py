"""Moving in from WordPress: an export (WXR) read as a stream and mapped onto the
magazine, keyed on WordPress's own ids so that a second import updates rather than
duplicates. The modules, by job: ``parse`` (the file), ``filing`` (authors, sections,
tags), ``media`` (pictures), ``bodies`` and ``shortcodes`` (story bodies), ``posts``
(stories and pages), ``discussion`` (comments), ``aftersave`` (derived data in bulk),
``redirects`` (old addresses), ``report``, ``importer`` (the whole run) and ``tasks``
(the run in the background, for the admin page)."""
