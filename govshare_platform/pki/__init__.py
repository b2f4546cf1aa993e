"""The platform's certification authority (平台认证机构): signer certificates for agreements."""
