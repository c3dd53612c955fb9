"""The password-reset request, counted per address and per client."""

from django.contrib.auth import views as auth_views

from accounts.client_ip import client_ip
from accounts.password_reset import reset_allowed


class PasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        form.deliver = reset_allowed(
            email=form.cleaned_data["email"], client=client_ip(self.request)
        )
        return super().form_valid(form)
