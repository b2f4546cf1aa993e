"""The security admin's desk (三员分立): users, departments, 备案 filings, the password policy."""
