# Placeholder: the nh3 sanitizer's data migration (re-save every stored story) goes here.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_sitemap_index")]
    operations = []
