"""The platform admin's policy desk: the policy values and the working-day calendar overrides."""
