-- Steps that failed before errors were classified keep their free-text message; their class is
-- unknown and they are not known to clear on their own (their next attempt classifies them).
UPDATE `provisioning_steps` SET `error_class` = 'unknown', `error_retryable` = 0 WHERE `last_error` IS NOT NULL;
