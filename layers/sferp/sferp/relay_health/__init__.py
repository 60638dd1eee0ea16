"""Event Relay health: a scheduled check of each Salesforce -> EventBridge relay of the environment
(``EventRelayFeedback``), published as metrics the relay alarms read."""
