//===- library_ignores.cc - Library calls whose insides weft cannot follow -===//
//
// Some glibc functions share state between threads and order it with locks
// and atomics inside libc, which weft neither sees nor models. What weft
// does see of them is only their calls to malloc and free, and those make a
// false report: getaddrinfo keeps a cache of the interfaces' addresses
// (check_pf.c) that one thread's call allocates and another thread's call
// frees once it has replaced it, ordered by a libc-internal lock. So, as
// ThreadSanitizer does for getaddrinfo, the real call runs with the
// calling thread's memory accesses ignored: a block allocated inside gets
// no recorded write (only a clean shadow), and a free inside checks nothing,
// so neither side of such a pair can race (IgnoreAccessesScope, rtl.h).
// Synchronization inside (a mutex an NSS module takes) is still modelled;
// only plain accesses are ignored. The thread calls' own libc insides (the
// stack cache) are ignored the same way: thread_interceptors.cc.
//
// The list, and why each is here, is in docs/limits.md ("Library calls run
// with accesses ignored").
//
//===----------------------------------------------------------------------===//

#include "interceptors/interceptor.h"
#include "core/rtl.h"

#include <netdb.h>
#include <sys/socket.h>

using namespace weft;

// Name resolution: getaddrinfo (its interface-address cache, above), and the
// functions that go through the same NSS and resolver machinery, whose
// shared state (the NSS module table, the resolver context, the buffer of
// the non-reentrant gethostby* calls, grown with realloc by whichever thread
// needs more room) is ordered by libc-internal locks too.

WEFT_DECLARE_REAL(int, getaddrinfo, const char *, const char *, const struct addrinfo *,
                  struct addrinfo **)
WEFT_DECLARE_REAL(int, getnameinfo, const struct sockaddr *, socklen_t, char *, socklen_t,
                  char *, socklen_t, int)
WEFT_DECLARE_REAL(struct hostent *, gethostbyname, const char *)
WEFT_DECLARE_REAL(struct hostent *, gethostbyname2, const char *, int)
WEFT_DECLARE_REAL(struct hostent *, gethostbyaddr, const void *, socklen_t, int)
WEFT_DECLARE_REAL(int, gethostbyname_r, const char *, struct hostent *, char *, size_t,
                  struct hostent **, int *)
WEFT_DECLARE_REAL(int, gethostbyname2_r, const char *, int, struct hostent *, char *, size_t,
                  struct hostent **, int *)
WEFT_DECLARE_REAL(int, gethostbyaddr_r, const void *, socklen_t, int, struct hostent *, char *,
                  size_t, struct hostent **, int *)

WEFT_INTERCEPTOR int getaddrinfo(const char *Node, const char *Service,
                                 const struct addrinfo *Hints, struct addrinfo **Res) {
  WEFT_ENSURE_REAL(getaddrinfo);
  IgnoreAccessesScope Ignore;
  return WEFT_REAL(getaddrinfo)(Node, Service, Hints, Res);
}

WEFT_INTERCEPTOR int getnameinfo(const struct sockaddr *Addr, socklen_t AddrLen, char *Host,
                                 socklen_t HostLen, char *Serv, socklen_t ServLen,
                                 int Flags) {
  WEFT_ENSURE_REAL(getnameinfo);
  IgnoreAccessesScope Ignore;
  return WEFT_REAL(getnameinfo)(Addr, AddrLen, Host, HostLen, Serv, ServLen, Flags);
}

WEFT_INTERCEPTOR struct hostent *gethostbyname(const char *Name) {
  WEFT_ENSURE_REAL(gethostbyname);
  IgnoreAccessesScope Ignore;
  return WEFT_REAL(gethostbyname)(Name);
}

WEFT_INTERCEPTOR struct hostent *gethostbyname2(const char *Name, int Af) {
  WEFT_ENSURE_REAL(gethostbyname2);
  IgnoreAccessesScope Ignore;
  return WEFT_REAL(gethostbyname2)(Name, Af);
}

WEFT_INTERCEPTOR struct hostent *gethostbyaddr(const void *Addr, socklen_t Len, int Type) {
  WEFT_ENSURE_REAL(gethostbyaddr);
  IgnoreAccessesScope Ignore;
  return WEFT_REAL(gethostbyaddr)(Addr, Len, Type);
}

WEFT_INTERCEPTOR int gethostbyname_r(const char *Name, struct hostent *Ret, char *Buf,
                                     size_t BufLen, struct hostent **Result, int *HErrno) {
  WEFT_ENSURE_REAL(gethostbyname_r);
  IgnoreAccessesScope Ignore;
  return WEFT_REAL(gethostbyname_r)(Name, Ret, Buf, BufLen, Result, HErrno);
}

WEFT_INTERCEPTOR int gethostbyname2_r(const char *Name, int Af, struct hostent *Ret, char *Buf,
                                      size_t BufLen, struct hostent **Result, int *HErrno) {
  WEFT_ENSURE_REAL(gethostbyname2_r);
  IgnoreAccessesScope Ignore;
  return WEFT_REAL(gethostbyname2_r)(Name, Af, Ret, Buf, BufLen, Result, HErrno);
}

WEFT_INTERCEPTOR int gethostbyaddr_r(const void *Addr, socklen_t Len, int Type,
                                     struct hostent *Ret, char *Buf, size_t BufLen,
                                     struct hostent **Result, int *HErrno) {
  WEFT_ENSURE_REAL(gethostbyaddr_r);
  IgnoreAccessesScope Ignore;
  return WEFT_REAL(gethostbyaddr_r)(Addr, Len, Type, Ret, Buf, BufLen, Result, HErrno);
}
