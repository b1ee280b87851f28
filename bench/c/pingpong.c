/*
 * The kernel's own TCP-versus-Unix-socket figures, for comparing Duet's and Node's against: a
 * forked child echoes whatever arrives, and the parent sends one message at a time and waits for
 * its whole echo, with plain blocking read() and write() and nothing else in the way.
 *
 * Usage: pingpong tcp|unix MESSAGE_BYTES SECONDS    (prints "<round trips per second>")
 * TCP listens on 127.0.0.1 with a port the kernel picks; Unix on a socket in a fresh temp dir.
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what) {
    perror(what);
    exit(1);
}

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void no_delay(int fd) {
    int one = 1;  /* as Duet and Node do: a small echo goes at once */
    if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) < 0) die("TCP_NODELAY");
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: pingpong tcp|unix MESSAGE_BYTES SECONDS\n");
        return 2;
    }
    int tcp = strcmp(argv[1], "tcp") == 0;
    size_t size = (size_t) atol(argv[2]);
    double duration = atof(argv[3]);
    if (size == 0 || duration <= 0) {
        fprintf(stderr, "pingpong: MESSAGE_BYTES and SECONDS must be positive\n");
        return 2;
    }

    struct sockaddr_storage addr;
    socklen_t len;
    memset(&addr, 0, sizeof addr);
    char dir[] = "/tmp/pingpong-XXXXXX";
    int listener = socket(tcp ? AF_INET : AF_UNIX, SOCK_STREAM, 0);
    if (listener < 0) die("socket");
    if (tcp) {
        struct sockaddr_in *in = (struct sockaddr_in *) &addr;
        in->sin_family = AF_INET;
        in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        len = sizeof *in;
    } else {
        struct sockaddr_un *un = (struct sockaddr_un *) &addr;
        if (!mkdtemp(dir)) die("mkdtemp");
        un->sun_family = AF_UNIX;
        snprintf(un->sun_path, sizeof un->sun_path, "%s/s", dir);
        len = sizeof *un;
    }
    if (bind(listener, (struct sockaddr *) &addr, len) < 0) die("bind");
    if (getsockname(listener, (struct sockaddr *) &addr, &len) < 0) die("getsockname");
    if (listen(listener, 1) < 0) die("listen");

    char *buffer = malloc(size < 65536 ? 65536 : size);
    if (!buffer) die("malloc");
    pid_t child = fork();
    if (child < 0) die("fork");
    if (child == 0) {  /* the echo server */
        int c = accept(listener, NULL, NULL);
        if (c < 0) die("accept");
        if (tcp) no_delay(c);
        for (ssize_t n; (n = read(c, buffer, 65536)) > 0;) {
            for (ssize_t off = 0; off < n;) {
                ssize_t w = write(c, buffer + off, n - off);
                if (w < 0) die("echo write");
                off += w;
            }
        }
        _exit(0);
    }

    int c = socket(tcp ? AF_INET : AF_UNIX, SOCK_STREAM, 0);
    if (c < 0 || connect(c, (struct sockaddr *) &addr, len) < 0) die("connect");
    if (tcp) no_delay(c);
    memset(buffer, 'x', size);
    long trips = 0;
    double start = seconds(), elapsed;
    while ((elapsed = seconds() - start) < duration) {
        for (size_t off = 0; off < size;) {
            ssize_t w = write(c, buffer + off, size - off);
            if (w < 0) die("write");
            off += (size_t) w;
        }
        for (size_t got = 0; got < size;) {
            ssize_t r = read(c, buffer, size - got);
            if (r <= 0) die("read");
            got += (size_t) r;
        }
        trips++;
    }
    close(c);
    waitpid(child, NULL, 0);
    if (!tcp) {
        unlink(((struct sockaddr_un *) &addr)->sun_path);
        rmdir(dir);
    }
    printf("%.0f\n", trips / elapsed);
    return 0;
}
