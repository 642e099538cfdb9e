# shellcheck shell=bash
# Sourced by bench/run.sh and bench/lighthouse.sh: the portal serving the demo data, and a
# session of the demo account whose registration draft is brought to tab 7 (récapitulatif).
# Expects $root, $build and $work, and a `pids` array the caller's cleanup kills.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.1; done; return 1; }

# `examens init --demo` then `examens serve` on a free port; sets $base.
start_demo_portal() {
  local port
  port=$(free_port)
  export EXAMENS_PORT=$port EXAMENS_DATA_DIR=$work/var EXAMENS_ROOT=$root
  "$build/examens" init --demo 2>/dev/null
  "$build/examens" serve >/dev/null 2>"$work/serve.log" &
  pids+=($!)
  wait_port "$port"
  base=http://127.0.0.1:$port
}

# Logs the demo account in (cookies in $jar) and fills draft N-BCP-2027-GUY up to tab 7.
# Sets $session (its cookie), $visitor and $login_csrf (the login form's token, tied to the
# visitor cookie), $csrf (the session's token) and $onglet (the draft's tabs, /1 to /8).
demo_session() {
  jar=$work/cookies
  login_csrf=$(curl -s -c "$jar" -b "$jar" "$base/connexion" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  visitor=$(awk '$6 == "examens_visiteur" {print $7}' "$jar")
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$login_csrf" \
    --data-urlencode "identifiant=paul.lamy@example.fr" --data-urlencode "mot_de_passe=Examens-2026!" "$base/connexion"
  session=$(awk '$6 == "examens_session" {print $7}' "$jar")
  csrf=$(curl -s -b "$jar" "$base/" | grep -o 'name="csrf-token" content="[^"]*"' | sed 's/.*content="//;s/"$//')
  local cle=N-BCP-2027-GUY tab6
  onglet=$base/inscription/saisie/$cle
  post -d domaine=BCP -d session=2027 -d academie=GUY "$base/inscription/nouvelle" >/dev/null
  post -d modalites_acceptees=oui -d action=suivant "$onglet/1" >/dev/null
  post "${tab2[@]}" "$onglet/2" >/dev/null
  # Twice: a school's category chosen on the candidate's own account is explained once.
  for _ in 1 2; do
    post -d categorie=133 -d situation=SCO -d amenagement_duree=non -d etablissement=9730538X \
      -d handicap=non -d diffusion_presse=non -d diffusion_collectivites=non -d action=suivant \
      "$onglet/3" >/dev/null
  done
  post -d specialite=25303 -d section_langue=SANS -d forme_passage=GLOBALE -d derogation=non \
    -d action=suivant "$onglet/4" >/dev/null
  local acquis=(-d acquis_types=autre_diplome -d diplomes=BTSDUT -d acquis.BTSDUT.annee=2022
    -d acquis.BTSDUT.academie=AIX -d action=suivant)
  post "${acquis[@]}" "$onglet/5" >/dev/null
  for e in E4 E5-A E5-B E6 E7; do acquis+=(-d "dispenses_affichees=$e" -d "dispenses=$e"); done
  post "${acquis[@]}" "$onglet/5" >/dev/null
  tab6=$(post -d position.EF1=inscrit -d choix.EF1=ANG -d position.EF2=inscrit -d choix.EF2=LV \
    -d action=suivant "$onglet/6")
  [ "$tab6" = "303 $onglet/7" ] || { echo "the demo draft did not reach tab 7 ($tab6)" >&2; return 1; }
}

# A POST of the session's form fields; prints the status and where it redirects (a refused
# tab redirects too, to itself).
post() { curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$jar" --data-urlencode "csrf=$csrf" "$@"; }
tab2=(-d adresse_pays=FR -d adresse_voie=reu -d code_postal=97300 -d localite=CAYENNE
  -d nationalite=FR -d telephone_mobile=0123456789 -d action=suivant)
