"""Small widgets and helpers shared by the windows of the application."""
