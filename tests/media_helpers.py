"""Pictures as readers get them once the task worker has made the renditions."""

from django.core.management import call_command


def run_task_worker():
    """``manage.py db_worker`` until the queue is empty, as `make run` runs it."""
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def get_made(client, url):
    """GET a rendition's address; one not made yet sends the reader to the original
    and queues it, so run the worker and ask again."""
    response = client.get(url)
    if response.status_code == 302:
        run_task_worker()
        response = client.get(url)
    return response
