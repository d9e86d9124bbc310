"""TenantVoice: tenant and resident engagement for UK social landlords."""

__version__ = "0.1.0"
