from .outbox.admin import OutboxMessageAdmin

__all__ = ["OutboxMessageAdmin"]
