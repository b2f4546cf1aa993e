"""待签协议: the three-party confidentiality agreements (三方数据保密协议, 第三十条) on the desktop.

- `presenter`: what the list and the viewer show (no widgets);
- `page`: the list, with the viewer stacked behind it (`viewer`, `signatures_panel`);
- `sign_dialog` / `signing_flow`: sign with the user's key, then upload through the sync engine;
- `printing`: print the PDF's pages.
"""
