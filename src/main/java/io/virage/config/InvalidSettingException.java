package io.virage.config;

/** A configuration value that is missing, of the wrong type or out of range. Exit code 2. */
public class InvalidSettingException extends RuntimeException {
  public InvalidSettingException(String message) {
    super(message);
  }
}
