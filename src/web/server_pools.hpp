// The server's worker pools: handing work to a pool and its result straight back to the
// connection, and lowering the priority of a pool's threads. Asio only, no Beast.
#pragma once

#include <unistd.h>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cerrno>
#include <cstring>
#include <latch>
#include <memory>

#include "web/http.hpp"
#include "web/server_detail.hpp"

namespace examens::web::detail {

// Runs `work` on `pool` and resumes the awaiting coroutine on its own executor (the
// connection's strand) as soon as the response is ready. co_spawn would post the completion
// to the pool first, where it would wait behind every handler queued meanwhile.
template <class Work>
boost::asio::awaitable<Response> run_on(boost::asio::thread_pool& pool, Work work) {
  return boost::asio::async_initiate<const boost::asio::use_awaitable_t<>, void(Response)>(
      [&pool](auto handler, Work work) {
        auto resume_on = boost::asio::get_associated_executor(handler);
        boost::asio::post(pool, [handler = std::move(handler), work = std::move(work),
                                 resume_on = std::move(resume_on)]() mutable {
          Response res = work();
          boost::asio::post(resume_on,
                            [handler = std::move(handler), res = std::move(res)]() mutable {
                              std::move(handler)(std::move(res));
                            });
        });
      },
      boost::asio::use_awaitable, std::move(work));
}

// Lowers the priority of each thread of `pool` (the nice value is per thread on Linux): one
// task per thread, each holding its thread until all have run, so that none runs twice.
inline void renice_threads(boost::asio::thread_pool& pool, int threads, int increment) {
  auto all_started = std::make_shared<std::latch>(threads);
  for (int i = 0; i < threads; ++i)
    boost::asio::post(pool, [all_started, increment] {
      errno = 0;
      if (::nice(increment) == -1 && errno != 0)
        log_event("hashing_nice_failed", std::strerror(errno), "warning");
      all_started->arrive_and_wait();
    });
  all_started->wait();
}

}  // namespace examens::web::detail
