"""What runs inside the Rasa server: channels, tracker and lock stores, NLU components, the rule
policy, metrics, the launcher, and the changes to Rasa that have no extension point
(``rasa_changes``)."""
