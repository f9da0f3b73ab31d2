"""Edit conflicts: a story form carries the ``updated_at`` it was loaded with, and a
save from a copy older than the stored story is refused with what differs."""

import difflib
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from ..sanitize import html_to_text

BASE_FIELD = "loaded_updated_at"
CONTEXT_WORDS = 8
MAX_DIFF_WORDS = 400


@dataclass
class Conflict:
    """What an editor is told when their save was refused."""

    saved_at: datetime
    saved_by: str
    fields: list = field(default_factory=list)  # (label, saved value, your value)
    body_diff: str = ""


def loaded_at(value):
    """The posted base timestamp, or None if it is missing or not one."""
    try:
        moment = datetime.fromisoformat(value or "")
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else None


def lock_for_save(model, object_id, field_name=None):
    """Hold the row being saved until the save's transaction ends, so that the version
    check and the write are one step: a second save of the same row waits here, then
    reads the version the first one wrote and is refused. (PostgreSQL locks the row;
    on SQLite the admin's IMMEDIATE transaction already holds the write lock.)"""
    connection = transaction.get_connection(model._default_manager.db)
    if not connection.in_atomic_block:
        return
    try:
        rows = model._default_manager.select_for_update().filter(**{field_name or "pk": object_id})
        list(rows.values_list("pk"))
    except (ValueError, ValidationError):
        return  # not an id: the admin answers that the story does not exist


def find_conflict(form, stored):
    """A Conflict if ``stored`` (the story in the database) changed after the form's
    copy was loaded, else None. ``form`` is bound and cleaned."""
    base = loaded_at(form.data.get(BASE_FIELD))
    if stored.pk is None or base is None or stored.updated_at <= base:
        return None
    latest = stored.revisions.select_related("user").first()
    saved_by = ""
    if latest and latest.user:
        saved_by = latest.user.get_full_name() or latest.user.get_username()
    conflict = Conflict(saved_at=stored.updated_at, saved_by=saved_by)
    for name in form.changed_data:
        if name in (BASE_FIELD, "body") or name not in form.cleaned_data:
            continue
        label = form.fields[name].label or name.replace("_", " ")
        saved = form.initial.get(name)
        conflict.fields.append((label.capitalize(), _shown(saved), _shown(form.data.get(name))))
    theirs = html_to_text(stored.body or "")
    yours = html_to_text(form.cleaned_data.get("body") or "")
    if theirs != yours:
        conflict.fields.append(("Body", "", ""))
        conflict.body_diff = word_diff(theirs, yours)
    return conflict


def _shown(value):
    if value in (None, ""):
        return "(empty)"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value) or "(empty)"
    text = str(value)
    return text if len(text) <= 160 else text[:157] + "…"


def word_diff(before, after):
    """The two texts word by word: deleted words in <del>, inserted in <ins>, long
    unchanged runs shortened to their ends."""
    old, new = before.split(), after.split()
    parts = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            words = old[a1:a2]
            if len(words) > 2 * CONTEXT_WORDS:
                words = [*words[:CONTEXT_WORDS], "…", *words[-CONTEXT_WORDS:]]
            parts.append(format_html("{}", " ".join(words)))
            continue
        if a2 > a1:
            parts.append(format_html("<del>{}</del>", " ".join(old[a1:a2][:MAX_DIFF_WORDS])))
        if b2 > b1:
            parts.append(format_html("<ins>{}</ins>", " ".join(new[b1:b2][:MAX_DIFF_WORDS])))
    return format_html_join(" ", "{}", ((part,) for part in parts)) or mark_safe("")
