package org.guestjourney.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * Counts the SQL statements (and transactions' commits) the application runs on the calling thread
 * while {@link #count} runs a piece of work: the application's DataSource is wrapped so that every
 * statement executed and every connection taken is seen. Import it into a test that measures.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounter implements BeanPostProcessor {

  /** What one piece of work cost the database. */
  public record Counts(int statements, int connections, int commits) {}

  private static final ThreadLocal<int[]> COUNTING = new ThreadLocal<>();

  /** Runs {@code work} on this thread and counts what it asked of the database. */
  public static <T> Counted<T> count(Callable<T> work) throws Exception {
    int[] counts = new int[3];
    COUNTING.set(counts);
    try {
      T result = work.call();
      return new Counted<>(result, new Counts(counts[0], counts[1], counts[2]));
    } finally {
      COUNTING.remove();
    }
  }

  /** A result with what it cost. */
  public record Counted<T>(T result, Counts counts) {}

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof DataSource dataSource) {
      return proxy(DataSource.class, dataSource);
    }
    return bean;
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, T target) {
    return (T)
        Proxy.newProxyInstance(
            StatementCounter.class.getClassLoader(),
            new Class<?>[] {type},
            (p, method, args) -> {
              int[] counts = COUNTING.get();
              String name = method.getName();
              if (counts != null) {
                if (target instanceof Statement && name.startsWith("execute")) {
                  counts[0]++;
                } else if (target instanceof DataSource && name.equals("getConnection")) {
                  counts[1]++;
                } else if (target instanceof Connection && name.equals("commit")) {
                  counts[2]++;
                }
              }
              Object result;
              try {
                result = method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              if (result instanceof Connection c && !(target instanceof Connection)) {
                return proxy(Connection.class, c);
              }
              if (result instanceof java.sql.CallableStatement s) {
                return proxy(java.sql.CallableStatement.class, s);
              }
              if (result instanceof java.sql.PreparedStatement s) {
                return proxy(java.sql.PreparedStatement.class, s);
              }
              if (result instanceof Statement s && !(target instanceof Statement)) {
                return proxy(Statement.class, s);
              }
              return result;
            });
  }
}
