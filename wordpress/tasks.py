"""The import run by the task worker (``manage.py db_worker``, which ``make run``
starts), for the admin's "Import from WordPress" page."""

import logging
import os
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .importer import run_import
from .models import ImportRun
from .parse import MalformedExport

logger = logging.getLogger(__name__)


def upload_folder():
    """Exports hold commenters' addresses: kept outside MEDIA_ROOT, never served."""
    folder = (
        Path(settings.VAR_DIR if hasattr(settings, "VAR_DIR") else settings.BASE_DIR) / "imports"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def media_dirs():
    """A copy of wp-content/uploads on the server, if the operator made one."""
    folder = os.environ.get("WORDPRESS_MEDIA_DIR", "")
    return [folder] if folder and Path(folder).is_dir() else []


@task()
def import_export(run_id):
    run = ImportRun.objects.get(pk=run_id)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)

    def out(phase, position, size, items, rate):
        ImportRun.objects.filter(pk=run.pk).update(
            phase=phase, bytes_done=position, bytes_total=size, items_done=items
        )

    try:
        report = run_import(run.path, media_dirs(), out=out)
    except MalformedExport as error:
        _end(run, ImportRun.Status.FAILED, error=str(error))
    except Exception:
        logger.exception("WordPress import %s failed", run.pk)
        _end(
            run,
            ImportRun.Status.FAILED,
            error="The import stopped on an error (see the "
            "worker's log). What was imported stays; import the same file again to finish.",
        )
        raise
    else:
        _end(run, ImportRun.Status.DONE, report=report)


def _end(run, status, **fields):
    ImportRun.objects.filter(pk=run.pk).update(status=status, finished_at=timezone.now(), **fields)
    Path(run.path).unlink(missing_ok=True)
