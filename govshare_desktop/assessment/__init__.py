"""考核评估 (第三十四条) on the desktop: rounds, ranking, scorecards, and their printed reports."""
