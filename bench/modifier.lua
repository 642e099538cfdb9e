-- bench/run.sh's modification cycles on one connection: the POST that opens the modification
-- of candidature @ID@, then its Enregistrer, which writes version n+1 and queues its two
-- documents. run.sh fills @SESSION@, @CSRF@ and @ID@.
local headers = {["Content-Type"] = "application/x-www-form-urlencoded",
                 ["Cookie"] = "examens_session=@SESSION@"}
local n = 0
request = function()
  n = n + 1
  if n % 2 == 1 then
    return wrk.format("POST", "/inscription/@ID@/modifier", headers, "csrf=@CSRF@")
  end
  return wrk.format("POST", "/inscription/saisie/C-@ID@/8", headers,
                    "csrf=@CSRF@&conditions_acceptees=oui&action=enregistrer")
end
-- Which answers were not the expected redirections. One is expected: the first request wrk
-- sends is an Enregistrer, no modification being open (404), as its first request() call
-- builds a request it does not send.
response = function(status, headers)
  if status ~= 303 then
    io.write("unexpected: " .. (n % 2 == 1 and "modifier " or "enregistrer ") .. status ..
             " " .. (headers["Location"] or "") .. "\n")
  end
end
