import io.javalin.Javalin;

/** The ceiling for the server benchmark: the smallest Javalin app, same jar, same JVM. */
public class HelloJavalin {
    public static void main(String[] args) {
        Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jetty.host = "127.0.0.1";
            c.jetty.port = Integer.parseInt(args[0]);
            c.routes.get("/hello", ctx -> ctx.result("Hello World"));
        }).start();
    }
}
