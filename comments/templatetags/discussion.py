from django import template
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404

from comments import services
from comments.forms import CommentForm
from comments.models import Comment, DiscussionSettings

register = template.Library()


def _page_number(value):
    if value is None:
        return 1
    if not (value.isascii() and value.isdigit()) or len(value) > 6:
        raise Http404("No such page of comments.")
    return int(value)


def _threads(article, page):
    """Each root on this page with its approved replies nested under it, in a
    fixed number of queries however many comments there are."""
    roots = list(page.object_list)
    by_parent = {}
    replies = Comment.objects.approved().filter(root_id__in=[root.pk for root in roots])
    for reply in replies:
        by_parent.setdefault(reply.parent_id, []).append(reply)
    for comment in [*roots, *[r for group in by_parent.values() for r in group]]:
        comment.children = by_parent.get(comment.pk, [])
    return roots


def _initial_form(request, article, rules):
    remembered = services.read_commenter_cookie(request) or {}
    initial = {
        "shown": services.form_timestamp(),
        "name": remembered.get("name", ""),
        "email": remembered.get("email", ""),
        "website": remembered.get("website", ""),
        "remember": bool(remembered),
    }
    return CommentForm(initial=initial, article=article, rules=rules)


def _reply_target(request, form, article, rules):
    """The approved comment being replied to: from a bound form, or ?replytocom=."""
    raw = form.data.get("parent") if form.is_bound else request.GET.get("replytocom")
    if not raw or not str(raw).isdigit() or len(str(raw)) > 12:
        return None
    target = Comment.objects.approved().filter(pk=int(raw), article=article).first()
    if target is None or target.depth >= rules.thread_depth:
        return None
    if not form.is_bound:
        form.initial["parent"] = target.pk
    return target


@register.inclusion_tag("comments/section.html", takes_context=True)
def comment_section(context, article):
    request = context["request"]
    rules = DiscussionSettings.load()
    roots = Comment.objects.approved().filter(article=article, parent__isnull=True)
    paginator = Paginator(roots, rules.comments_per_page)
    try:
        page = paginator.page(_page_number(request.GET.get("cpage")))
    except InvalidPage:
        raise Http404("No such page of comments.") from None
    threads = _threads(article, page)

    pending = services.comment_from_pending_token(request.GET.get("pending"), article)
    if pending is not None:
        pending.children = []
        pending.awaiting = True
        if pending.parent_id is None:
            if page.number == paginator.num_pages:
                threads.append(pending)
        else:
            for comment in _walk(threads):
                if comment.pk == pending.parent_id:
                    comment.children.append(pending)

    form = context.get("comment_form") or _initial_form(request, article, rules)
    return {
        "request": request,
        "article": article,
        "rules": rules,
        "closed": services.comments_closed(article, rules),
        "threads": threads,
        "page": page,
        "form": form,
        "replying_to": _reply_target(request, form, article, rules),
        "pending": pending,
        "total": getattr(article, "comment_count", None),
    }


def _walk(comments):
    for comment in comments:
        yield comment
        yield from _walk(comment.children)
