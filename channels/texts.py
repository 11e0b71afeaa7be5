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
