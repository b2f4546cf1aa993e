"""Sign-in security and the password policy (issue 11; 第三十三条 身份认证机制)."""
