"""A comment's body is plain text: paragraphs and line breaks kept, web addresses
linked with rel="nofollow ugc noopener", everything else shown exactly as typed."""

import html
import re

import nh3
from django.conf import settings
from django.utils import dateformat, translation
from django.utils.html import Urlizer, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import get_default_timezone

from articles.sanitize.tree import parse, serialize

_PARAGRAPHS = re.compile(r"\n\s*\n")
_URL_IN_TEXT = re.compile(r"(https?://|www\.)\S", re.IGNORECASE)


class _WebAddresses(Urlizer):
    """Django's urlize for web addresses only: an email address stays text."""

    @staticmethod
    def is_email_simple(value):
        return False


_link_addresses = _WebAddresses()
# What any address Urlizer links must contain; text without it comes out escaped,
# the same, and ten times faster (an import renders a hundred thousand comments).
_MAY_LINK = re.compile(r"https?://|www\.|\.(?:com|edu|gov|int|mil|net|org)", re.IGNORECASE)


def _linked(paragraph):
    if _MAY_LINK.search(paragraph) is None:
        return escape(paragraph)
    return _link_addresses(paragraph, autoescape=True)


def clean_text(text):
    """Normalise what was typed: unix newlines, no NULs or other control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or ch >= " " and ch != "\x7f").strip()


def render_body(text):
    paragraphs = [p.strip() for p in _PARAGRAPHS.split(clean_text(text)) if p.strip()]
    html = "".join(
        "<p>" + _linked(paragraph).replace("\n", "<br>\n") + "</p>" for paragraph in paragraphs
    )
    # nh3 has the last word: only paragraphs, line breaks and web links.
    cleaned = nh3.clean(
        html,
        tags={"p", "br", "a"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https"},
        link_rel="nofollow ugc noopener",
    )
    # Written back with quotes in text escaped, as Django's escape writes them.
    return "".join(serialize(node, quote_text=True) for node in parse(cleaned).children)


def count_links(text):
    return len(_URL_IN_TEXT.findall(text))


def initials(name):
    letters = [part[0] for part in name.split() if part and part[0].isalnum()]
    return ("".join(letters[:2]) or "?").upper()


def avatar_hue(name):
    """One of twelve colours, stable for a name: a local avatar, no Gravatar."""
    return sum(name.encode()) % 12


_NOTICE = (
    '<p class="comment__notice" role="status">Your comment is awaiting moderation. '
    "Only you can see it here until a moderator approves it.</p>"
)


def render_card(comment, awaiting=False):
    """What a comment shows of itself, the same for every reader: avatar, name (linked
    to the commenter's website), Staff badge, permalink date and body. Made when the
    comment is saved; ``awaiting`` adds the notice only the commenter sees."""
    name = comment.name
    if comment.website:
        author = format_html(
            '<a href="{}" rel="nofollow ugc noopener">{}</a>', comment.website, name
        )
    else:
        author = escape(name)
    with translation.override(settings.LANGUAGE_CODE):
        when = comment.created_at.astimezone(get_default_timezone())
        shown = dateformat.format(when, "j F Y \\a\\t H:i")
    return format_html(
        '<div class="comment__meta">\n'
        '    <span class="avatar avatar--{}" aria-hidden="true">{}</span>\n'
        '    <span class="comment__author">{}</span>\n'
        "    {}\n"
        '    <a class="comment__date" href="#comment-{}"><time datetime="{}">{}</time></a>\n'
        "  </div>\n"
        "  {}\n"
        '  <div class="comment__body">{}</div>',
        avatar_hue(name),
        initials(name),
        author,
        mark_safe('<span class="badge">Staff</span>') if comment.is_staff_reply else "",
        comment.pk,
        when.isoformat(),
        shown,
        mark_safe(_NOTICE) if awaiting else "",
        mark_safe(comment.body_html),  # made by render_body, which escapes what was typed
    )


def thread_list(comments, reply_depth):
    """The <li> of each comment in a page of threads: its card (made when it was
    saved), a Reply link below depth ``reply_depth`` (0: the discussion is closed),
    and its replies nested inside. Plain string work: a page holds fifty threads."""
    items = []
    for comment in comments:
        awaiting = comment.awaiting
        classes = "comment"
        if comment.is_staff_reply:
            classes += " comment--staff"
        if awaiting:
            classes += " comment--pending"
        pk = int(comment.pk)
        items.append(f'<li id="comment-{pk}" class="{classes}">\n  {comment.card_html}\n  ')
        if not awaiting and comment.depth < reply_depth:
            items.append(
                f'<p class="comment__actions"><a href="?replytocom={pk}#respond" '
                f'rel="nofollow" aria-label="Reply to {html.escape(comment.name)}">Reply</a></p>'
            )
        if comment.children:
            replies = thread_list(comment.children, reply_depth)
            items.append(f'\n  <ol class="comment-children">{replies}</ol>')
        items.append("\n  </li>")
    return mark_safe("".join(items))  # noqa: S308 (cards are escaped when made; names here)
