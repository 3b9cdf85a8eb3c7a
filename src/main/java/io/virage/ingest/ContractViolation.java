package io.virage.ingest;

/**
 * The input does not meet the contract as a whole (a dataset or a required column is missing, a
 * column has the wrong type): the run stops before any data moves. Exit code 3.
 */
public class ContractViolation extends RuntimeException {
  public ContractViolation(String message) {
    super(message);
  }

  public ContractViolation(String message, Throwable cause) {
    super(message, cause);
  }
}
