"""The magazine's data, one module per job (see each module's docstring)."""

from .filing import Author, Category, CategoryQuerySet
from .history import PinnedRelation, Revision, SlugRedirect
from .newsroom import Autosave, PreviewLink
from .pages import Page, PageQuerySet, PageRevision
from .pictures import Image, image_upload_to, library_pictures
from .posts import SocialPost, described_posts
from .readership import StoryViews
from .stored import StoryHTML
from .stories import HOME_PLACES, WORDS_PER_MINUTE, Article, ArticleQuerySet, StoryTag

__all__ = [
    "HOME_PLACES", "WORDS_PER_MINUTE", "Article", "ArticleQuerySet", "Author", "Autosave",
    "Category", "CategoryQuerySet", "Image", "Page", "PageQuerySet", "PageRevision",
    "PinnedRelation", "PreviewLink", "Revision", "SlugRedirect", "SocialPost", "StoryHTML",
    "StoryTag",
    "StoryViews", "described_posts", "image_upload_to", "library_pictures",
]  # fmt: skip
