from .outbox.models import OutboxMessage

__all__ = ["OutboxMessage"]
