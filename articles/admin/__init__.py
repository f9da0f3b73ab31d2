"""The Magazine's admin. Importing the modules registers their admins."""

from .filing import AuthorAdmin, CategoryAdmin
from .pages import PageAdmin
from .pictures import ImageAdmin, ImageForm
from .posts import SocialPostAdmin
from .stories import ArticleAdmin, PinnedRelationInline
from .story_form import ArticleAdminForm

__all__ = [
    "ArticleAdmin",
    "ArticleAdminForm",
    "AuthorAdmin",
    "CategoryAdmin",
    "ImageAdmin",
    "ImageForm",
    "PageAdmin",
    "PinnedRelationInline",
    "SocialPostAdmin",
]
