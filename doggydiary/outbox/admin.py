from django.contrib import admin
from django.utils import timezone
from django.utils.translation import ngettext

from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """What the mail worker has sent, is sending, and gave up on. Read-only: rows
    change only through the worker; "Send again" puts failed ones back in the queue."""

    list_display = ["subject", "recipient", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "topic", "created_at"]
    search_fields = ["recipient", "subject"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Send again (failed or cancelled mail)", permissions=["view"])
    def send_again(self, request, queryset):
        count = queryset.filter(
            status__in=[OutboxMessage.Status.FAILED, OutboxMessage.Status.CANCELLED]
        ).update(status=OutboxMessage.Status.QUEUED, attempts=0, next_attempt_at=timezone.now())
        self.message_user(
            request, ngettext("%d mail queued again.", "%d mails queued again.", count) % count
        )
