package io.stressflow.chamber;
