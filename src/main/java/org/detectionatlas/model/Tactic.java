package org.detectionatlas.model;

/**
 * An ATT&amp;CK tactic.
 *
 * @param id such as TA0002
 * @param shortName such as execution, as technique phases name it
 * @param name such as Execution
 * @param order position in the enterprise matrix, from 0
 */
public record Tactic(String id, String shortName, String name, int order) {}
