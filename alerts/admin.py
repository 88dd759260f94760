from django.contrib import admin, messages

from alerts.invitations import invite
from alerts.models import Digest, Invitation, SavedSearch


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Curators invite analysts: saving an invitation creates the account and emails a link to choose a password."""

    list_display = ["email", "invited_by", "created_at", "sent_at", "user"]
    fields = ["email"]
    readonly_fields = ["invited_by", "user", "sent_at"]
    actions = ["send_again"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.invited_by = request.user
        super().save_model(request, obj, form, change)
        invite(obj)
        messages.info(request, f"Invitation sent to {obj.email}.")

    @admin.action(description="Send the invitation again (a new link)", permissions=["add"])
    def send_again(self, request, queryset):
        for invitation in queryset:
            invite(invitation)
        messages.info(request, f"{queryset.count()} invitations sent again.")


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "kind", "frequency", "paused", "checked_until", "last_digest_at", "problem"]
    list_filter = ["kind", "frequency", "paused"]
    search_fields = ["name", "owner__username", "owner__email"]
    readonly_fields = ["owner", "kind", "query", "checked_until", "seen_at", "last_digest_at", "problem"]
    exclude = ["feed_token"]  # the owner's private key to the feed: not shown to curators


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    """Digests sent, and those interrupted between the mail server and the record (never sent again)."""

    list_display = ["saved_search", "recipient", "state", "items", "claimed_at", "sent_at"]
    list_filter = ["state"]
    readonly_fields = ["saved_search", "recipient", "state", "items", "message_id", "claimed_at", "sent_at"]

    def has_add_permission(self, request):
        return False
