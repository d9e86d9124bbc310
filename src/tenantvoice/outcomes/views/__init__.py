"""Outcomes' pages: the public "you said, we did" page (public), and the confirmation page that
survey and consultation officers' pages show before publishing (publishing)."""
