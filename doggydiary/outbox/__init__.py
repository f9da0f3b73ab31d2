"""Mail that is never lost: an outbox table written in the sender's transaction and a
worker that delivers it (``manage.py run_worker``).

``queue`` (or plain ``send_mail()``, through ``backend.OutboxBackend``) adds rows;
``delivery`` claims, sends, retries and marks them; ``jobs`` are the periodic tasks
other apps register for the worker to run (the daily digest).
"""
