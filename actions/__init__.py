"""Custom actions (rasa-sdk). The action server imports every module in this package."""
