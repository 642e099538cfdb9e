// Handing work to one of the server's pools and its result straight back to the connection.
// Asio only, no Beast.
#pragma once

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <type_traits>

#include "http/message.hpp"

namespace examens::http::detail {

// Runs `work` on `pool` and resumes the awaiting coroutine on its own executor (the
// connection's strand) as soon as its result (a response, a decision) is ready. co_spawn
// would post the completion to the pool first, where it would wait behind every handler
// queued meanwhile.
template <class Work, class Result = std::invoke_result_t<Work&>>
boost::asio::awaitable<Result> run_on(boost::asio::thread_pool& pool, Work work) {
  return boost::asio::async_initiate<const boost::asio::use_awaitable_t<>, void(Result)>(
      [&pool](auto handler, Work work) {
        auto resume_on = boost::asio::get_associated_executor(handler);
        boost::asio::post(pool, [handler = std::move(handler), work = std::move(work),
                                 resume_on = std::move(resume_on)]() mutable {
          Result res = work();
          boost::asio::post(resume_on,
                            [handler = std::move(handler), res = std::move(res)]() mutable {
                              std::move(handler)(std::move(res));
                            });
        });
      },
      boost::asio::use_awaitable, std::move(work));
}

}  // namespace examens::http::detail
