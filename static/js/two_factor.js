// Two-step sign-in's page (templates/two_factor/manage.html): once django-otp-webauthn has saved a
// new passkey, show the page again so it lists the passkey.
document.addEventListener("otp_webauthn.register_complete", () => {
  window.location.reload();
});
