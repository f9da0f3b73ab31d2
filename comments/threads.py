"""The discussion under a story: one page of approved threads, the submitter's own
pending comment, and the Leave a Reply form, in a fixed number of queries however
many comments there are."""

from django.conf import settings
from django.core.paginator import InvalidPage, Page, Paginator
from django.db import DatabaseError
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

from articles import stored
from articles.models import StoryHTML
from doggydiary.caching import is_personal
from doggydiary.dberrors import cannot_write
from doggydiary.rows import Rows
from doggydiary.site import page_number

from . import moderation, tokens
from .forms import CommentForm
from .models import Comment, DiscussionSettings
from .rendering import render_card, thread_list


class ThreadComment:
    """What the thread prints of an approved comment; the rest stays in the database."""

    FIELDS = ("id", "parent_id", "depth", "name", "is_staff_reply", "card_html")
    __slots__ = ("pk", "parent_id", "depth", "name", "is_staff_reply", "card_html", "children")
    awaiting = False

    def __init__(self, pk, parent_id, depth, name, is_staff_reply, card_html):
        self.pk, self.parent_id, self.depth, self.name = pk, parent_id, depth, name
        self.is_staff_reply, self.card_html = is_staff_reply, card_html


# Plain rows (doggydiary.rows): a story's first page of threads and their replies.
_FIRST_ROOTS = Rows(
    lambda article, size: (
        Comment.objects.approved()
        .filter(article_id=article, parent__isnull=True)
        .values_list(*ThreadComment.FIELDS)[:size]
    )
)
_REPLIES = Rows(
    lambda roots: (
        Comment.objects.approved().filter(root_id__in=roots).values_list(*ThreadComment.FIELDS)
    )
)
_SETTINGS_FIELDS = [f.attname for f in DiscussionSettings._meta.concrete_fields]
_SETTINGS = Rows(lambda: DiscussionSettings.objects.filter(pk=1).values_list(*_SETTINGS_FIELDS))


def discussion_settings():
    """The discussion settings (one row, made with its defaults the first time)."""
    rows = _SETTINGS()
    if not rows:
        return DiscussionSettings.load()
    return DiscussionSettings.from_db("default", _SETTINGS_FIELDS, rows[0])


def _threads(page):
    """Each root on this page with its approved replies nested under it."""
    roots = [ThreadComment(*row) for row in page.object_list]
    by_parent = {}
    for row in _REPLIES(roots=[root.pk for root in roots]) if roots else ():
        reply = ThreadComment(*row)
        by_parent.setdefault(reply.parent_id, []).append(reply)
    for comment in [*roots, *[r for group in by_parent.values() for r in group]]:
        comment.children = by_parent.get(comment.pk, [])
    return roots


def _walk(comments):
    for comment in comments:
        yield comment
        yield from _walk(comment.children)


class FormEntry:
    """What the Leave a Reply form shows: each field's value, the errors, and the field
    that takes the focus. From a CommentForm sent back with errors; on a GET, from the
    starting values alone, without a Form instance (Django deep-copies a form's fields
    for each one, and a story page is made far more often than a comment is sent)."""

    VISIBLE = CommentForm.VISIBLE
    # Labels and lengths, read from the class's fields and never changed.
    fields = CommentForm.base_fields

    def __init__(self, values, form=None):
        self.values = values
        self.bound = form is not None and form.is_bound
        self.errors = form.errors if self.bound else {}
        self.general_errors = form.non_field_errors() if self.bound else ()
        self.first_invalid = form.first_invalid() if self.bound else None
        # A reply refused because its comment is not shown goes again as a new comment.
        self.parent_unavailable = self.bound and form.has_error("parent", "unavailable")

    @classmethod
    def sent(cls, form):
        return cls({name: form[name].value() for name in form.fields}, form)

    @property
    def body_max_length(self):
        return settings.COMMENT_MAX_LENGTH


def _starting_entry(request):
    remembered = tokens.read_commenter_cookie(request) or {}
    return FormEntry(
        {
            # Only a page made for one reader carries the form's time; the page kept
            # for everyone gets it from comments:form_shown (site.js) or when sent
            # without it.
            "shown": tokens.form_timestamp() if is_personal(request) else "",
            "name": remembered.get("name", ""),
            "email": remembered.get("email", ""),
            "website": remembered.get("website", ""),
            "remember": bool(remembered),
        }
    )


def _reply_target(request, entry, article, rules):
    """The approved comment being replied to: from a sent form, or ?replytocom=."""
    raw = entry.values.get("parent") if entry.bound else request.GET.get("replytocom")
    raw = str(raw or "")
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 12:
        return None
    target = Comment.objects.approved().filter(pk=int(raw), article=article).first()
    if target is None or target.depth >= rules.thread_depth:
        return None
    if not entry.bound:
        entry.values["parent"] = target.pk
    return target


def _show_pending(pending, threads, page):
    """Put the submitter's own pending comment where it will appear once approved."""
    pending.children = []
    pending.awaiting = True
    pending.card_html = render_card(pending, awaiting=True)
    if pending.parent_id is None:
        if page.number == page.paginator.num_pages:
            threads.append(pending)
        return
    for comment in _walk(threads):
        if comment.pk == pending.parent_id:
            comment.children.append(pending)


class _Roots:
    """A story's approved roots for the paginator: the query is built only when a
    page needs it (page 1 is read as plain rows)."""

    def __init__(self, article_pk):
        self.article_pk = article_pk

    @cached_property
    def ids(self):
        return (
            Comment.objects.approved()
            .filter(article_id=self.article_pk, parent__isnull=True)
            .order_by("created_at", "pk")
            .values_list("pk", flat=True)
        )

    def count(self):
        return self.ids.count()

    def __getitem__(self, key):
        """A page's roots: their ids from the roots' index (``comment_roots_idx``),
        then their rows, so no sort handles a thousand threads' cards."""
        ids = list(self.ids[key])
        rows = Comment.objects.filter(pk__in=ids).values_list(*ThreadComment.FIELDS)
        found = {row[0]: row for row in rows}
        return [found[pk] for pk in ids if pk in found]


def _page_of_threads(request, article, rules, number, reply_depth, pending):
    """(the page, its threads as HTML) with the reader's own pending comment if any.
    Raises Http404 for a page that does not exist."""
    paginator = Paginator(_Roots(article.pk), rules.comments_per_page)
    # The count of threads is stored with the comments: no COUNT of thousands.
    stored_count = getattr(article, "comment_threads", 0)
    if number > 1:
        if stored_count:
            paginator.count = stored_count
        try:
            page = paginator.page(number)
        except InvalidPage:
            raise Http404("No such page of comments.") from None
    elif pending is None and (kept := _stored_first_page(request, article, rules, reply_depth)):
        paginator.count = stored_count
        return Page((), 1, paginator), kept[0]
    else:
        # Most discussions fit on one page: its roots are read at once and, if fewer
        # than a page, counted as they are. The first page exists even with none.
        first = _FIRST_ROOTS(shape={"size": rules.comments_per_page}, article=article.pk)
        if len(first) < rules.comments_per_page:
            paginator.count = len(first)
        elif stored_count >= len(first):
            paginator.count = stored_count
        page = Page(first, 1, paginator)
    threads = _threads(page)
    if pending is not None:
        _show_pending(pending, threads, page)
    html = thread_list(threads, reply_depth)
    if number == 1 and pending is None:
        _store_first_page(request, article, rules, reply_depth, html)
    return page, html


# -- The first page of threads, stored ---------------------------------------------
# Most readers see a discussion's first page, the same for all of them: it is stored
# beside the story's HTML (articles.StoryHTML.threads_*) by the first reader after a
# change to the story's comments (comments.changes.threads_changed drops it), for the
# release, the site's address and the settings that shape it (``_threads_stamp``).


def _threads_stamp(request, rules, reply_depth):
    return f"{stored.stamp(request)}|{rules.comments_per_page}|{reply_depth}"


def _stored_first_page(request, article, rules, reply_depth):
    """(the stored first page of threads,) if it was made for these settings (its
    HTML is empty for a story with no comment yet); or None."""
    kept = getattr(article, "stored_threads", None)
    if kept and kept[0] == _threads_stamp(request, rules, reply_depth):
        return (mark_safe(kept[2]),)  # noqa: S308 (thread_list's own output)
    return None


def _store_first_page(request, article, rules, reply_depth, html):
    """Store the first page just made, unless the story's comments changed since its
    stored row was read (its version moved) or there is no stored row."""
    kept = getattr(article, "stored_threads", None)
    if kept is None:
        return
    try:
        StoryHTML.objects.filter(article_id=article.pk, threads_version=kept[1]).update(
            threads_html=str(html), threads_stamp=_threads_stamp(request, rules, reply_depth)
        )
    except DatabaseError as error:
        if not cannot_write(error):
            raise


def discussion_context(request, article, comment_form=None):
    """The ``discussion`` the story template shows; a ``?cpage=`` that is not a page
    of comments is a 404. Read as plain rows and joined from the comments' stored
    cards at each render: quicker than keeping it (a kept part costs a cache read)."""
    rules = discussion_settings()
    closed = not moderation.DiscussionPolicy(rules).allow(article)
    reply_depth = 0 if closed else rules.thread_depth
    number = page_number(request.GET.get("cpage"))
    pending = tokens.comment_from_pending_token(request.GET.get("pending"), article)
    page, threads_html = _page_of_threads(request, article, rules, number, reply_depth, pending)
    entry = FormEntry.sent(comment_form) if comment_form else _starting_entry(request)
    replying_to = _reply_target(request, entry, article, rules)
    return {
        "discussion": {
            "rules": rules,
            "closed": closed,
            "page": page,
            "threads_html": threads_html,
            "entry": entry,
            "replying_to": replying_to,
            # ?replytocom= named a comment not shown (pending, removed, too deep): say
            # that the form posts a new comment, rather than quietly dropping the reply.
            "reply_unavailable": replying_to is None
            and not entry.bound
            and bool(request.GET.get("replytocom")),
            "pending": pending,
            "pending_key": request.GET.get("pending") if pending is not None else "",
            "total": getattr(article, "comment_count", None),
        }
    }
