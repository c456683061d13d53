package io.stressflow.engine;
