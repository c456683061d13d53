package io.stressflow.workflows;
