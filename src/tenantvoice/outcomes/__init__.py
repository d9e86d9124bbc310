"""Outcomes: "you said, we did" for surveys and consultations (next, scrutiny reviews and
complaints): one model, one publishing service and one public page (decision 0036)."""
