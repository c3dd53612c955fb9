"""Account forms in Thai, whatever language the browser asks for: Django's own
Thai catalogue leaves the login and password-rule messages in English."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.template import loader

from accounts.password_reset import reset_mail_deliver

LOGIN_FAILED = "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง โปรดตรวจสอบแล้วลองใหม่ (ตัวพิมพ์เล็กและใหญ่ถือว่าต่างกัน)"
INACTIVE = "บัญชีนี้ถูกปิดการใช้งาน โปรดติดต่อผู้ดูแลระบบ"

# The rules of AUTH_PASSWORD_VALIDATORS, by their error codes.
PASSWORD_RULES = {
    "password_too_short": "รหัสผ่านสั้นเกินไป ต้องยาวอย่างน้อย 8 ตัวอักษร",
    "password_too_similar": "รหัสผ่านคล้ายกับชื่อผู้ใช้หรือข้อมูลส่วนตัวมากเกินไป",
    "password_too_common": "รหัสผ่านนี้ใช้กันทั่วไป เดาได้ง่ายเกินไป",
    "password_entirely_numeric": "รหัสผ่านต้องไม่เป็นตัวเลขล้วน",
}
PASSWORD_HELP = "อย่างน้อย 8 ตัวอักษร ไม่เป็นตัวเลขล้วน ไม่ซ้ำกับชื่อผู้ใช้ และไม่ใช่รหัสที่ใช้กันทั่วไป"


class ThaiAuthenticationForm(auth_forms.AuthenticationForm):
    error_messages = {"invalid_login": LOGIN_FAILED, "inactive": INACTIVE}

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Name"
        self.fields["username"].error_messages["required"] = "กรุณากรอกชื่อผู้ใช้"
        self.fields["password"].label = "Pass"
        self.fields["password"].error_messages["required"] = "กรุณากรอกรหัสผ่าน"


class ThaiPasswordRulesMixin:
    """Thai labels and messages for the new-password pair of fields."""

    error_messages = {
        "password_mismatch": "รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน",
        "password_incorrect": "รหัสผ่านเดิมไม่ถูกต้อง โปรดลองอีกครั้ง",
    }

    def _thai_fields(self):
        labels = {
            "old_password": "รหัสผ่านเดิม",
            "new_password1": "รหัสผ่านใหม่",
            "new_password2": "ยืนยันรหัสผ่านใหม่",
        }
        for name, label in labels.items():
            if name in self.fields:
                self.fields[name].label = label
                self.fields[name].error_messages["required"] = f"กรุณากรอก{label}"
        self.fields["new_password1"].help_text = PASSWORD_HELP
        self.fields["new_password2"].help_text = "พิมพ์รหัสผ่านใหม่อีกครั้ง"

    def validate_password_for_user(self, user, password_field_name="password2"):
        password = self.cleaned_data.get(password_field_name)
        if not password:
            return
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            messages = [
                PASSWORD_RULES.get(item.code, " ".join(item.messages))
                for item in error.error_list
            ]
            self.add_error(password_field_name, messages)


class ThaiPasswordChangeForm(ThaiPasswordRulesMixin, auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._thai_fields()


class ThaiSetPasswordForm(ThaiPasswordRulesMixin, auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._thai_fields()


class ThaiPasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="อีเมลที่ลงทะเบียนไว้",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "กรุณากรอกอีเมล",
            "invalid": "รูปแบบอีเมลไม่ถูกต้อง",
        },
    )

    # The view turns delivery off for a request over the limits.
    deliver = True

    def get_users(self, email):
        """The matching accounts, or one unsaved stand-in, so that an unknown
        address (or a request over the limits) costs the same token and mail
        rendering as a known one (accounts/password_reset.py)."""
        users = list(super().get_users(email))
        if users and self.deliver:
            return users
        stand_in = get_user_model()(username="stand-in", email=email)
        stand_in.set_unusable_password()
        stand_in.stand_in = True
        return [stand_in]

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(
            loader.render_to_string(subject_template_name, context).splitlines()
        )
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        real = not getattr(context["user"], "stand_in", False)
        reset_mail_deliver(message=message, real=real)
