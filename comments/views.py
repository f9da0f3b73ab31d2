import secrets
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from articles.models import Article

from . import services
from .forms import CommentForm
from .models import Comment, DiscussionSettings

# Story pages are the same for every reader, so a shared cache (a proxy or CDN)
# may keep one for a minute; browsers revalidate with the ETag, so a reader sees
# a newly approved comment at once. A page showing someone's own pending comment
# or remembered details is theirs alone and never cached.
SHARED_MAX_AGE = 60


def is_personal(request):
    return "pending" in request.GET or services.COOKIE_NAME in request.COOKIES


def set_reader_cache_headers(request, response):
    patch_vary_headers(response, ["Cookie"])
    if is_personal(request):
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
    else:
        patch_cache_control(response, public=True, max_age=0, s_maxage=SHARED_MAX_AGE)
    return response


def same_origin(request):
    """True if the browser says the form was on our site, False if it says it was
    somewhere else, None if it says nothing (old browsers, scripts).

    This stands in for Django's CSRF cookie, which would put a cookie on every
    reader and make story pages uncacheable.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    if not origin:
        return None
    if origin == "null":
        return False
    ours = {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}
    parts = urlsplit(origin)
    return f"{parts.scheme}://{parts.netloc}" in ours


def comment_page_number(comment, rules):
    """The page of threads that shows ``comment`` (its thread's root)."""
    roots = Comment.objects.approved().filter(article_id=comment.article_id, parent__isnull=True)
    root = comment.root if comment.root_id else comment
    if root.status == Comment.Status.APPROVED:
        before = roots.filter(
            Q(created_at__lt=root.created_at) | Q(created_at=root.created_at, pk__lt=root.pk)
        ).count()
        return before // rules.comments_per_page + 1
    # A pending thread is shown to its author at the end of the last page.
    return max(1, -(-roots.count() // rules.comments_per_page))


def comment_url(comment, rules, **params):
    page = comment_page_number(comment, rules)
    if page > 1:
        params["cpage"] = page
    query = f"?{urlencode(params)}" if params else ""
    return f"{comment.article.get_absolute_url()}{query}#{comment.anchor}"


def render_story_with_form(request, article, form, status):
    from articles.views import article_context

    context = {**article_context(request, article), "comment_form": form}
    response = render(request, "articles/article_detail.html", context, status=status)
    add_never_cache_headers(response)
    return response


@csrf_exempt  # protected by the same-origin check below instead; see README
@require_POST
def comment_create(request, slug):
    article = get_object_or_404(Article.objects.published().for_detail(), slug=slug)
    rules = DiscussionSettings.load()
    data = request.POST.copy()
    age = services.seconds_since_shown(data.get("shown", ""))
    data["shown"] = services.form_timestamp()  # a re-shown form starts its own clock
    form = CommentForm(data, article=article, rules=rules)
    valid = form.is_valid()

    def refuse(message, status):
        form.add_error(None, message)
        return render_story_with_form(request, article, form, status)

    origin = same_origin(request)
    if origin is False:
        return refuse(
            "Your comment was not sent because it came from another website's page. "
            "If you wrote it here, please press Post Comment again.",
            403,
        )
    if services.comments_closed(article, rules):
        return refuse("Comments are closed on this story. Your text is kept below.", 403)
    if not valid:
        return render_story_with_form(request, article, form, 400)
    if age is None:
        return refuse(
            "Your comment was not sent because the form had expired. "
            "Please check it and press Post Comment again.",
            400,
        )
    if age < settings.COMMENT_MIN_SECONDS:
        return refuse(
            "That was quicker than a person usually types. "
            "Please check your comment and press Post Comment again.",
            400,
        )
    ip_address = services.client_ip(request)
    try:
        services.check_rate_limit(ip_address)
        services.check_duplicate(article, form.cleaned_data["email"], form.cleaned_data["body"])
    except services.Refused as refusal:
        return refuse(refusal.message, refusal.status)

    remembered = services.read_commenter_cookie(request) or {}
    remember = form.cleaned_data["remember"]
    key = (remembered.get("key") or secrets.token_urlsafe(24)) if remember else ""
    user = request.user if request.user.is_authenticated else None
    sender = services.Sender(
        ip_address=ip_address,
        user_agent=request.headers.get("User-Agent", ""),
        user=user,
        same_origin=origin is True,
        author_key=key,
    )
    site_url = settings.SITE_URL or f"{request.scheme}://{request.get_host()}"
    comment = services.post_comment(
        article,
        form.cleaned_data,
        sender,
        rules,
        parent=form.cleaned_data["parent"],
        site_url=site_url,
    )

    if comment.status == Comment.Status.APPROVED:
        response = redirect(comment_url(comment, rules), permanent=False)
    else:
        token = services.pending_token(comment)
        response = redirect(comment_url(comment, rules, pending=token))
    response.status_code = 303
    if remember:
        value = {
            "name": comment.name,
            "email": comment.email,
            "website": comment.website,
            "key": key,
        }
        response.set_cookie(
            services.COOKIE_NAME,
            signing.dumps(value, salt=services.COOKIE_SALT, compress=True),
            max_age=settings.COMMENT_COOKIE_DAYS * 86400,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    elif services.COOKIE_NAME in request.COOKIES:
        response.delete_cookie(services.COOKIE_NAME, samesite="Lax")
    return response


@require_safe
def permalink(request, pk):
    comment = get_object_or_404(
        Comment.objects.approved().select_related("article", "root"),
        pk=pk,
        article__in=Article.objects.published(),
    )
    if comment.root_id and comment.root.status != Comment.Status.APPROVED:
        raise Http404("No such comment.")
    return redirect(comment_url(comment, DiscussionSettings.load()))
