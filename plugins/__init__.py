"""cleaner's built-in plugins: each module uses the same hooks a third-party plugin would."""
