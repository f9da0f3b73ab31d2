"""The framework floor that ``make bench`` measures the site against: Django answering
one constant page with no apps, middleware, templates or database."""

SECRET_KEY = "floor-only-serves-a-constant-page"  # noqa: S105 - signs nothing
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "floor.urls"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_TZ = True
