"""Fixed wording the messaging channels send themselves (everything else comes from the
bot's domain and the curated store). Kept GSM-7 and short: these go out by SMS."""

HELPLINE = "(888) 753-5222"

SMS_HELP = (
    "MBC answer bot: general information about metastatic breast cancer, not medical advice. "
    f"To talk with a person, call the LBBC Breast Cancer Helpline at {HELPLINE}. In an emergency, call 911. "
    "Msg & data rates may apply. Reply STOP to opt out."
)
SMS_STOPPED = (
    "You have been unsubscribed from the MBC answer bot and will get no more messages. "
    f"Reply START to resume. Helpline: {HELPLINE}."
)
SMS_STARTED = (
    "You're subscribed to the MBC answer bot again. Ask a question about metastatic breast cancer. "
    "Reply HELP for help, STOP to opt out."
)
MORE_SUFFIX = "Reply MORE for the rest."
# After an answer (the domain's utter_feedback_prompt has emoji, which SMS would send as UCS-2);
# the core takes yes/no (and thumbs) right after an answer as feedback on it.
SMS_FEEDBACK_PROMPT = "Did this help? Reply YES or NO."
NO_MORE = "That was everything. What else would you like to know?"
NOT_OFFERED = "That choice isn't available any more. Please type your question, or reply HELP."

# The same in Spanish (issue 12), for a turn whose reply is in Spanish. GSM-7 once sent:
# channels.sms.to_gsm drops the accents of á í ó ú; ñ, é, ü, ¿ and ¡ are GSM-7 characters.
SMS_HELP_ES = (
    "Asistente sobre cancer de mama metastasico: informacion general, no consejo medico. "
    f"Para hablar con una persona, llame a la linea de ayuda de LBBC: {HELPLINE}. En una emergencia, llame al 911. "
    "Pueden aplicar tarifas de mensajes y datos. Responda STOP para no recibir mas mensajes."
)
MORE_SUFFIX_ES = "Responda MAS para ver el resto."
SMS_FEEDBACK_PROMPT_ES = "¿Le sirvio? Responda SI o NO."
NO_MORE_ES = "Eso es todo. ¿Qué más le gustaría saber?"
NOT_OFFERED_ES = "Esa opción ya no está disponible. Escriba su pregunta, o responda AYUDA."
NO_TEXT = {"en": "Please choose:", "es": "Elija una opción:"}
MORE = {"en": MORE_SUFFIX, "es": MORE_SUFFIX_ES}
FEEDBACK = {"en": SMS_FEEDBACK_PROMPT, "es": SMS_FEEDBACK_PROMPT_ES}
HELP = {"en": SMS_HELP, "es": SMS_HELP_ES}
DONE = {"en": NO_MORE, "es": NO_MORE_ES}
