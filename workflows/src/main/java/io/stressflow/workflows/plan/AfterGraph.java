package io.stressflow.workflows.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The legs' {@code after} references as a graph: which legs wait for each other in a circle. */
final class AfterGraph {

  private AfterGraph() {}

  /**
   * Which legs wait for themselves through {@code after}: the legs in a strongly connected
   * component of more than one leg, or with an edge to themselves. Tarjan's algorithm with an
   * explicit stack, so a chain as long as the plan allows costs time in proportion to it and no
   * call stack.
   *
   * @param legs the plan's legs; {@code after} entries naming no leg are ignored.
   * @return for each leg, in plan order, whether it is on a circle.
   */
  static boolean[] circular(List<Leg> legs) {
    int n = legs.size();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) {
      index.putIfAbsent(legs.get(i).id(), i);
    }
    int[][] next = new int[n][];
    for (int i = 0; i < n; i++) {
      next[i] =
          legs.get(i).after().stream().filter(index::containsKey).mapToInt(index::get).toArray();
    }
    int[] order = new int[n];
    int[] low = new int[n];
    int[] edge = new int[n];
    boolean[] onStack = new boolean[n];
    boolean[] circular = new boolean[n];
    Arrays.fill(order, -1);
    ArrayDeque<Integer> stack = new ArrayDeque<>();
    ArrayDeque<Integer> path = new ArrayDeque<>();
    int counter = 0;
    for (int start = 0; start < n; start++) {
      if (order[start] >= 0) {
        continue;
      }
      order[start] = low[start] = counter++;
      stack.push(start);
      onStack[start] = true;
      path.push(start);
      while (!path.isEmpty()) {
        int v = path.peek();
        if (edge[v] < next[v].length) {
          int w = next[v][edge[v]++];
          if (order[w] < 0) {
            order[w] = low[w] = counter++;
            stack.push(w);
            onStack[w] = true;
            path.push(w);
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], order[w]);
          }
          continue;
        }
        path.pop();
        if (!path.isEmpty()) {
          low[path.peek()] = Math.min(low[path.peek()], low[v]);
        }
        if (low[v] == order[v]) {
          List<Integer> component = new ArrayList<>();
          int w;
          do {
            w = stack.pop();
            onStack[w] = false;
            component.add(w);
          } while (w != v);
          boolean selfLoop = Arrays.stream(next[v]).anyMatch(x -> x == v);
          if (component.size() > 1 || selfLoop) {
            component.forEach(c -> circular[c] = true);
          }
        }
      }
    }
    return circular;
  }
}
