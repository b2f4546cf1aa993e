"""The home page: the signed-in user's 待办 (to-do) items with working-day deadlines."""
