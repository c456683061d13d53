package io.stressflow.engine.model;

/**
 * Multi-instance loop characteristics of an activity.
 *
 * @param sequential whether inner instances run one after another.
 * @param inputCollection expression of the collection to iterate.
 * @param inputElement variable name of the current item, or null.
 * @param outputCollection variable name of the collected results, or null.
 * @param outputElement expression of one result, or null.
 * @param completionCondition expression that ends the loop early, or null.
 */
public record MultiInstance(
    boolean sequential,
    String inputCollection,
    String inputElement,
    String outputCollection,
    String outputElement,
    String completionCondition) {}
